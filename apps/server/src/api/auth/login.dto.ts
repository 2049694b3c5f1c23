import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { LoginRequest } from '@estafette/contracts';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'administrator' }) @IsString() @MinLength(1) @MaxLength(320) username!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(1024) password!: string;
}
