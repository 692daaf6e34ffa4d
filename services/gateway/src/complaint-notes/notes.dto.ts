import { FIELD_RULES } from '@pengaduan/sop';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { AssignedOfficerDto } from '../complaint-assignment/assignment.dto';

/** `POST /complaints/{id}/notes`: an internal note of the office's officers. */
export class AddNoteBody {
  @ApiProperty({
    minLength: FIELD_RULES.internalNote.minLength,
    maxLength: FIELD_RULES.internalNote.maxLength,
    example: 'Rekaman CCTV loket 3 sudah diminta ke bagian umum.',
    description: "Never the complainant's contact: intake screens it (COMPLAINT.PERSONAL_DATA naming `text`)",
  })
  @IsString()
  @Length(FIELD_RULES.internalNote.minLength, FIELD_RULES.internalNote.maxLength)
  text!: string;
}

export class NoteDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Rekaman CCTV loket 3 sudah diminta ke bagian umum.' })
  text!: string;

  @ApiProperty({ type: AssignedOfficerDto, description: 'Who wrote it' })
  author!: AssignedOfficerDto;

  @ApiProperty({ format: 'date-time', description: 'When' })
  at!: string;
}

export class NotesDto {
  @ApiProperty({ type: [NoteDto], description: 'Oldest first' })
  items!: NoteDto[];
}
