import { optionParser } from '../../core/params.js';
import { cikParam, concentrationTopParam, cusipParam, topPutsParam } from '../../views/market-params.js';

/**
 * Option parsers and defaults shared by the `13f` commands, each the parameter schema the API and
 * the view registry read (views/market-params.ts), so the CLI takes exactly what they take. A bad
 * value is a `bad-input` error whose message names the option, printed as one line (no commander
 * preamble, no stack).
 */

export const cikOpt = optionParser('--cik', cikParam);

export const cusipOpt = optionParser('--cusip', cusipParam);

/** `13f holdings --top`: the holdings view's own `top`. */
export const concentrationTopOpt = optionParser('--top', concentrationTopParam);

/** `13f top-puts --top`: the top-puts view's own `top`. */
export const topPutsOpt = optionParser('--top', topPutsParam);

/** --as-of (context.ts asOfOf): every 13F view shows only what was filed by then. */
export const AS_OF_HELP = 'only filings (and amendments) filed by this day (default: today)';
