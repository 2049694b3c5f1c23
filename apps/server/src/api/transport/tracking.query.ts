import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { TrackingQuery as TrackingQueryContract } from '@estafette/contracts';

export class TrackingQuery implements TrackingQueryContract {
  @ApiPropertyOptional({ description: 'envelope sender (whole address, any case)' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  sender?: string;

  @ApiPropertyOptional({ description: 'recipient (whole address, any case)' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  recipient?: string;

  @ApiPropertyOptional({ description: 'Message-ID, with or without angle brackets' })
  @IsOptional()
  @IsString()
  @MaxLength(998)
  messageId?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}
