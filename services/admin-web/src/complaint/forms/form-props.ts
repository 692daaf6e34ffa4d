import type { UiAction } from '../../api/commands';
import type { CommandResult, ComplaintDetail, ComplaintMessages, Section } from '../../api/types';

/** What every command form of the complaint page gets. */
export interface CommandFormProps {
  readonly action: UiAction;
  readonly detail: ComplaintDetail;
  /** The office's sections (for the disposition), null while loading or when they could not be read. */
  readonly sections: readonly Section[] | null;
  /** The complainant's messages and the reply window, null when not known. */
  readonly messages: ComplaintMessages | null;
  readonly onAccepted: (result: CommandResult) => void;
  readonly onCancel: () => void;
  readonly onConflict: () => void;
}
