import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import type { AddressTemplate } from '@estafette/contracts';

export class AddressTemplateDto implements AddressTemplate {
  @ApiProperty({
    example: '%g.%s@example.com',
    description: '%g given name, %s surname, %i initials, %m alias, %d display name, %1g first letter, %rxy replace',
  })
  @IsString()
  @MinLength(3)
  @MaxLength(320)
  template!: string;

  @ApiProperty()
  @IsBoolean()
  primary!: boolean;
}
