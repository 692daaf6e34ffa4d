import { channelLabel, classificationLabel, roleLabel, statusLabel, stepFullName, stepNumber, stepShortName } from './sop-labels';

describe('the SOP’s words in the web app', () => {
  it('takes statuses, channels and roles from libs/sop in both languages', () => {
    expect(statusLabel('DISPOSED', 'id')).toBe('Didisposisikan');
    expect(statusLabel('DISPOSED', 'en')).toBe('Dispositioned');
    expect(channelLabel('WALK_IN', 'id')).toBe('Datang langsung');
    expect(roleLabel('KEPALA_SEKSI_TI', 'id')).toBe('Kepala Seksi Teknologi dan Informasi');
  });

  it('shows a code it has no label for as it is', () => {
    expect(statusLabel('ARCHIVED', 'id')).toBe('ARCHIVED');
    expect(roleLabel(null, 'id')).toBe('—');
  });

  it('names classifications with their Permen PAN 5/2009 code', () => {
    expect(classificationLabel('03', 'id')).toBe('03 · Korupsi/pungli');
    expect(classificationLabel('03', 'en')).toBe('03 · Corruption / illegal levies');
    expect(classificationLabel(null, 'id')).toBe('—');
  });

  it('names steps short with their SOP number, and in full as the SOP does', () => {
    expect(stepShortName('DISPOSE_AND_PROCESS', 'id')).toBe('Langkah 3 · Disposisi');
    expect(stepShortName('SECTION_RESPONSE', 'en')).toBe('Step 3 · Section response');
    expect(stepShortName('SOP_TARGET', 'id')).toBe('Target SOP 72 jam');
    expect(stepShortName('CONFIRM', 'id')).toBe('Langkah 2 · Konfirmasi aduan');
    expect(stepNumber('SOP_TARGET')).toBeNull();
    expect(stepFullName('ANALYZE', 'id')).toBe('Melakukan analisis aduan');
    expect(stepShortName('NEW_CLOCK', 'id')).toBe('NEW_CLOCK');
  });
});
