import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { SetPasswordRequest } from '@estafette/contracts';

export class SetPasswordDto implements SetPasswordRequest {
  /** The password policy (length) is checked by the credential service, which owns it. */
  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}
