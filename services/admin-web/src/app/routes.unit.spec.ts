import { complaintPath, homeOf, isOfficerRoute, loginPath, matchRoute, ROUTES, safeNext, trackPath } from './routes';

describe('routes', () => {
  it('keeps the paths the gateway, the README and the browser tests use', () => {
    // One line per route, so that a path changed here by mistake shows as that line.
    const expected = `
      home /
      report /lapor
      track /lacak
      login /masuk
      worklist /daftar-tugas
      complaints /aduan
      complaint /aduan/:id
      dashboard /dasbor
      changePassword /kata-sandi
      accounts /akun
      secondFactor /dua-langkah
      processingRecord /catatan-pemrosesan
      callTasks /panggilan
      laporPostings /posting-lapor
      escalations /eskalasi
      problemMessages /pesan-bermasalah
      dataRequests /hak-subjek-data
      deadLetters /peristiwa-gagal
      adminSections /administrasi/seksi
      adminLog /administrasi/log
      adminTemplates /administrasi/templat
      adminProfile /administrasi/profil
      adminSla /administrasi/sla
      guide /panduan
    `;
    expect(Object.entries(ROUTES).map(([name, path]) => `${name} ${path}`)).toEqual(expected.trim().split('\n').map((l) => l.trim()));
  });

  it('matches each path, with or without a trailing slash', () => {
    expect(matchRoute('/')).toEqual({ name: 'home' });
    expect(matchRoute('/lapor/')).toEqual({ name: 'report' });
    expect(matchRoute('/aduan')).toEqual({ name: 'complaints' });
    expect(matchRoute('/aduan/0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f')).toEqual({ name: 'complaint', id: '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f' });
    expect(matchRoute('/aduan/a/b')).toEqual({ name: 'notFound' });
    expect(matchRoute('/aduan/%E0%A4%A')).toEqual({ name: 'notFound' });
    expect(matchRoute('/api/v1/worklist')).toEqual({ name: 'notFound' });
  });

  it('starts an officer at the worklist, and a platform operator, who sees no complaint, at the dead letters', () => {
    expect(homeOf('ADMIN_TIKKIM')).toBe('/daftar-tugas');
    expect(homeOf('OPERATOR')).toBe('/peristiwa-gagal');
    expect(isOfficerRoute(matchRoute('/peristiwa-gagal'))).toBe(true);
  });

  it('knows which pages need an officer', () => {
    expect(isOfficerRoute(matchRoute('/daftar-tugas'))).toBe(true);
    expect(isOfficerRoute(matchRoute('/aduan/x'))).toBe(true);
    expect(isOfficerRoute(matchRoute('/kata-sandi'))).toBe(true);
    expect(isOfficerRoute(matchRoute('/akun'))).toBe(true);
    expect(isOfficerRoute(matchRoute('/dua-langkah'))).toBe(true);
    expect(isOfficerRoute(matchRoute('/catatan-pemrosesan'))).toBe(true);
    expect(isOfficerRoute(matchRoute('/panggilan'))).toBe(true);
    expect(isOfficerRoute(matchRoute('/eskalasi/'))).toBe(true);
    expect(isOfficerRoute(matchRoute('/pesan-bermasalah'))).toBe(true);
    expect(isOfficerRoute(matchRoute('/panduan'))).toBe(true);
    expect(isOfficerRoute(matchRoute('/lacak'))).toBe(false);
    expect(isOfficerRoute(matchRoute('/nowhere'))).toBe(false);
  });

  it('builds links', () => {
    expect(complaintPath('a b')).toBe('/aduan/a%20b');
    expect(trackPath('BLP-2026-000123')).toBe('/lacak?nomor=BLP-2026-000123');
    expect(trackPath()).toBe('/lacak');
    expect(loginPath('/aduan/1?x=y')).toBe('/masuk?lanjut=%2Faduan%2F1%3Fx%3Dy');
  });

  it('only lets ?lanjut= lead back into the app', () => {
    expect(safeNext('/aduan/1?tab=2')).toBe('/aduan/1?tab=2');
    expect(safeNext('//evil.example/x')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext('javascript:alert(1)')).toBeNull();
    expect(safeNext('/api/v1/auth/login')).toBeNull();
    expect(safeNext('/webhooks/web-form')).toBeNull();
    expect(safeNext('/masuk?lanjut=/x')).toBeNull();
    expect(safeNext('/aduan\n/x')).toBeNull();
    expect(safeNext(null)).toBeNull();
    expect(loginPath('//evil.example')).toBe('/masuk');
  });
});
