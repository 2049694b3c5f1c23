import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { UpdateInformationStoreRequest } from '@estafette/contracts';
import { MAX_KB } from '../common/limits';
import { IsTopologyName, OptionalNotNull } from '../common/topology-validators';

/** Kind and storage group are fixed; mounting goes through /mount and /dismount. */
export class UpdateInformationStoreDto implements UpdateInformationStoreRequest {
  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsTopologyName()
  name?: string;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_KB)
  issueWarningKb?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_KB)
  prohibitSendKb?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_KB)
  prohibitSendReceiveKb?: number | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 24855 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(24855)
  deletedItemRetentionDays?: number;
}
