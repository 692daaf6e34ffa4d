import { ERROR_CATALOGUE, ERROR_CODES } from '@pengaduan/contracts/error-catalogue';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGS } from '../lib/lang';
import { translateMsg } from './translate';

describe("the error catalogue's messages in the web app", () => {
  it('has a message in Bahasa Indonesia and in English for every code the server can answer with', () => {
    const missing = ERROR_CODES.flatMap((code) => LANGS.filter((lang) => translateMsg(lang, { error: code }).trim() === '').map((lang) => `${code} (${lang})`));
    expect(missing).toEqual([]);
  });

  it('has the English message really translated, not the Indonesian one again', () => {
    const untranslated = ERROR_CODES.filter((code) => translateMsg('en', { error: code }) === translateMsg('id', { error: code }));
    expect(untranslated).toEqual([]);
  });

  it("shows the catalogue's own text: messageId in Bahasa Indonesia, messageEn in English", () => {
    for (const code of ERROR_CODES) {
      expect({ code, id: translateMsg('id', { error: code }), en: translateMsg('en', { error: code }) }).toEqual({ code, id: ERROR_CATALOGUE[code].messageId, en: ERROR_CATALOGUE[code].messageEn });
    }
  });

  it('bundles the catalogue alone: it imports nothing (the rest of @pengaduan/contracts is Node code)', () => {
    const source = readFileSync(join(__dirname, '../../../../libs/contracts/src/lib/error-catalogue.ts'), 'utf8');
    expect(source).not.toMatch(/^\s*(import|export\s.*\sfrom)\s/m);
    expect(source).not.toMatch(/\brequire\(/);
  });
});
