import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { UpdateOrganizationRequest } from '@estafette/contracts';

export class UpdateOrganizationDto implements UpdateOrganizationRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(/^[^\\/"<>|*?:]+$/, { message: 'name must not contain \\ / " < > | * ? :' })
  name?: string;

  @ApiPropertyOptional({ description: 'Default maximum message size in KB' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2_097_151)
  maxMessageSizeKb?: number;

  @ApiPropertyOptional({ description: 'Maximum recipients per message' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxRecipientsPerMessage?: number;
}
