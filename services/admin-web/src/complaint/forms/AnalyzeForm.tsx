import { COMPLAINT_CLASSIFICATIONS, FIELD_RULES, SEVERITIES, SEVERITY_LABELS, SUBSTANTIATION_LABELS, SUBSTANTIATION_LEVELS } from '@pengaduan/sop';
import { useState } from 'react';
import { commandUrl } from '../../api/commands';
import type { CommandResult } from '../../api/types';
import { RadioGroup, SelectField, TextArea } from '../../components/fields';
import { useI18n } from '../../i18n/i18n';
import { ACTION_LABELS } from '../../i18n/messages';
import { classificationLabel } from '../../lib/sop-labels';
import { checkRequiredChoice, checkText, type FieldErrors } from '../../lib/validation';
import { CommandForm, fieldId } from '../CommandForm';
import { useCommand } from '../use-command';
import type { CommandFormProps } from './form-props';

const FORM = 'analyze';

/** SOP step 4: Admin Tikkim records the analysis (Analisis Aduan). */
export function AnalyzeForm({ detail, onAccepted, onCancel, onConflict }: CommandFormProps) {
  const { t, lang, msg } = useI18n();
  const [findings, setFindings] = useState('');
  const [substantiated, setSubstantiated] = useState('');
  // The confirmed classification, which the analysis may correct.
  const [classificationCode, setClassificationCode] = useState(detail.outputs.confirmation?.classificationCode ?? detail.classificationCode ?? '');
  const [severity, setSeverity] = useState('');
  const [recommendation, setRecommendation] = useState('');
  const labels = {
    findings: t('field.findings'),
    substantiated: t('field.substantiated'),
    classificationCode: t('field.classification'),
    severity: t('field.severity'),
    recommendation: t('field.recommendation'),
  };
  const command = useCommand<CommandResult>(commandUrl(detail.id, 'analyze'), { knownFields: Object.keys(labels), onConflict, ifMatch: detail.version });
  const err = (f: string) => (command.errors[f] ? msg(command.errors[f]) : undefined);

  const submit = async () => {
    const found: FieldErrors = {};
    checkText(found, 'findings', findings, FIELD_RULES.analysisText.maxLength);
    checkRequiredChoice(found, 'substantiated', substantiated);
    checkRequiredChoice(found, 'classificationCode', classificationCode);
    checkRequiredChoice(found, 'severity', severity);
    checkText(found, 'recommendation', recommendation, FIELD_RULES.analysisText.maxLength);
    if (!command.check(found)) return;
    const result = await command.submit({ findings: findings.trim(), substantiated, classificationCode, severity, recommendation: recommendation.trim() });
    if (result) onAccepted(result);
  };

  return (
    <CommandForm formId={FORM} title={t('form.analyze.title')} submitLabel={ACTION_LABELS.analyze[lang]} command={command} fieldLabels={labels} onSubmit={() => void submit()} onCancel={onCancel}>
      <TextArea id={fieldId(FORM, 'findings')} label={labels.findings} required rows={6} maxLength={FIELD_RULES.analysisText.maxLength} showCount value={findings} onValue={setFindings} error={err('findings')} />
      <RadioGroup
        id={fieldId(FORM, 'substantiated')}
        label={labels.substantiated}
        required
        value={substantiated}
        onValue={setSubstantiated}
        options={SUBSTANTIATION_LEVELS.map((s) => ({ value: s, label: SUBSTANTIATION_LABELS[s][lang] }))}
        error={err('substantiated')}
      />
      <SelectField
        id={fieldId(FORM, 'classificationCode')}
        label={labels.classificationCode}
        hint={t('form.analyze.classificationHint')}
        required
        value={classificationCode}
        onValue={setClassificationCode}
        placeholder={t('form.choose')}
        options={COMPLAINT_CLASSIFICATIONS.map((c) => ({ value: c.code, label: classificationLabel(c.code, lang) }))}
        error={err('classificationCode')}
      />
      <RadioGroup
        id={fieldId(FORM, 'severity')}
        label={labels.severity}
        required
        value={severity}
        onValue={setSeverity}
        options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s][lang] }))}
        error={err('severity')}
      />
      <TextArea
        id={fieldId(FORM, 'recommendation')}
        label={labels.recommendation}
        hint={t('form.analyze.recommendationHint')}
        required
        rows={4}
        maxLength={FIELD_RULES.analysisText.maxLength}
        value={recommendation}
        onValue={setRecommendation}
        error={err('recommendation')}
      />
    </CommandForm>
  );
}
