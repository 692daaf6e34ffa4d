/**
 * The offices' names as complainants read them (`Kantor Imigrasi …`), by office code.
 * Without a directory of the offices' profiles it answers the code itself.
 */
export class OfficeNames {
  constructor(private readonly lookup: (code: string) => string | undefined = () => undefined) {}

  nameOf(code: string): string {
    return this.lookup(code) || code;
  }
}
