import { ApiProperty } from '@nestjs/swagger';

export class PublicOfficeDto {
  @ApiProperty({ example: 'BLP', description: 'Office code, as the web form and tracking numbers use it' })
  code!: string;

  @ApiProperty({ example: 'Kantor Imigrasi Kelas II TPI Belakang Padang' })
  name!: string;
}

/** `GET /api/v1/public/offices`. */
export class PublicOfficesDto {
  @ApiProperty({ type: [PublicOfficeDto], description: 'The offices whose public web form takes complaints, in the configured order' })
  offices!: PublicOfficeDto[];
}
