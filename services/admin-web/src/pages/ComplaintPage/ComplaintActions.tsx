import type { ComponentType, MutableRefObject } from 'react';
import type { UiAction } from '../../api/commands';
import type { CommandResult, ComplaintDetail, ComplaintMessages, Section } from '../../api/types';
import { AnalyzeForm } from '../../complaint/forms/AnalyzeForm';
import { CallAttemptForm } from '../../complaint/forms/CallAttemptForm';
import { ConfirmForm } from '../../complaint/forms/ConfirmForm';
import { DecideForm } from '../../complaint/forms/DecideForm';
import { DeliveryForm } from '../../complaint/forms/DeliveryForm';
import { DismissForm } from '../../complaint/forms/DismissForm';
import { DisposeForm } from '../../complaint/forms/DisposeForm';
import type { CommandFormProps } from '../../complaint/forms/form-props';
import { InformForm } from '../../complaint/forms/InformForm';
import { AppealForm, RatingForm, ReviewAppealForm } from '../../complaint/forms/RatingForms';
import { RespondForm } from '../../complaint/forms/RespondForm';
import { TeamForm } from '../../complaint/forms/TeamForm';
import { useI18n } from '../../i18n/i18n';
import { ACTION_LABELS } from '../../i18n/messages';

const FORMS: Record<UiAction, ComponentType<CommandFormProps>> = {
  confirm: ConfirmForm,
  dismiss: DismissForm,
  dispose: DisposeForm,
  respondAsSection: RespondForm,
  analyze: AnalyzeForm,
  decideFollowUp: DecideForm,
  formTeam: TeamForm,
  informReporter: InformForm,
  recordDelivery: DeliveryForm,
  recordCallAttempt: CallAttemptForm,
  rate: RatingForm,
  appeal: AppealForm,
  reviewAppeal: ReviewAppealForm,
};

export interface ComplaintActionsProps {
  /** What the officer may do now. */
  readonly actions: readonly UiAction[];
  /** The action whose form is open. */
  readonly openAction: UiAction | null;
  /** Each action's button, to give focus back when its form is cancelled. */
  readonly openers: MutableRefObject<Partial<Record<UiAction, HTMLButtonElement | null>>>;
  readonly onOpen: (action: UiAction) => void;
  readonly detail: ComplaintDetail;
  readonly sections: readonly Section[] | null;
  readonly messages: ComplaintMessages | null;
  readonly onAccepted: (action: UiAction, result: CommandResult) => void;
  readonly onCancel: (action: UiAction) => void;
  readonly onConflict: () => void;
}

/** The complaint's actions: a button for each the officer may take now, and the open one's form. */
export function ComplaintActions({ actions, openAction, openers, onOpen, detail, sections, messages, onAccepted, onCancel, onConflict }: ComplaintActionsProps) {
  const { t, lang } = useI18n();
  const Form = openAction && actions.includes(openAction) ? FORMS[openAction] : null;
  return (
    <section className="section" aria-labelledby="complaint-actions">
      <h2 id="complaint-actions">{t('complaint.actions')}</h2>
      {actions.length === 0 ? (
        <p className="muted">{t('complaint.noActions')}</p>
      ) : (
        <div className="action-bar">
          {actions
            .filter((a) => a !== openAction)
            .map((a) => (
              <button
                key={a}
                type="button"
                className="button"
                ref={(el) => {
                  openers.current[a] = el;
                }}
                onClick={() => onOpen(a)}
              >
                {ACTION_LABELS[a][lang]}
              </button>
            ))}
        </div>
      )}
      {Form && openAction ? (
        <Form
          key={openAction}
          action={openAction}
          detail={detail}
          sections={sections}
          messages={messages}
          onAccepted={(r) => onAccepted(openAction, r)}
          onCancel={() => onCancel(openAction)}
          onConflict={onConflict}
        />
      ) : null}
    </section>
  );
}
