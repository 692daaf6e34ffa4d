import { zipSync, type Zippable } from 'fflate';
import type { EntityManager } from 'typeorm';
import type { PersonData } from './person-data';
import { personDataJson, personDataPdf, type ExportHeader } from './person-data-export';

/**
 * The whole export in one file (docs/adr/0056): the PDF, the JSON, and every attachment intake
 * keeps of the person's complaints as its own file, at the `fileName` the PDF and the JSON give
 * it. Assembled in memory at the download, like the PDF and the JSON, and never stored; an
 * attachment erased since the data was collected is left out (its row still says so).
 */
export async function personDataZip(manager: EntityManager, header: ExportHeader, data: PersonData, baseName: string): Promise<Buffer> {
  const mtime = header.assembledAt;
  const files: Zippable = {
    [`${baseName}.pdf`]: [await personDataPdf(header, data), { mtime, level: 0 }],
    [`${baseName}.json`]: [personDataJson(header, data), { mtime }],
  };
  for (const complaint of data.complaints) {
    for (const a of complaint.attachments) {
      const [row] = (await manager.query(`SELECT content FROM inbound_media WHERE id = $1 AND status = 'STORED' AND content IS NOT NULL`, [a.id])) as { content: Buffer }[];
      // Media are mostly compressed already (JPEG, MP4, OGG): stored as they are.
      if (row) files[a.fileName] = [row.content, { mtime, level: 0 }];
    }
  }
  return Buffer.from(zipSync(files));
}
