import type { UiAction } from '../../api/commands';
import type { CommandResult } from '../../api/types';
import { ACTION_LABELS } from '../../i18n/messages';
import type { Msg } from '../../i18n/translate';
import type { Lang } from '../../lib/lang';
import { statusLabel } from '../../lib/sop-labels';

/** What the page tells the officer above the complaint. */
export interface PageNotice {
  tone: 'info' | 'success' | 'error';
  msg: Msg;
}

/** After a command was accepted: saved (with the sheet's or decree's number), or saved but not shown yet. */
export function savedNotice(action: UiAction, result: CommandResult, caughtUp: boolean, lang: Lang): PageNotice {
  const number = result.sheetNumber ?? result.decreeNumber;
  return caughtUp
    ? {
        tone: 'success',
        msg: number
          ? { key: 'complaint.savedWithNumber', params: { action: ACTION_LABELS[action][lang], status: statusLabel(result.status, lang), number } }
          : { key: 'complaint.saved', params: { action: ACTION_LABELS[action][lang], status: statusLabel(result.status, lang) } },
      }
    : { tone: 'info', msg: { key: 'complaint.savedNotYetShown', params: { action: ACTION_LABELS[action][lang] } } };
}
