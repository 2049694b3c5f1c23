import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { STORE_KINDS, type CreateInformationStoreRequest, type StoreKind } from '@estafette/contracts';
import { MAX_KB } from '../common/limits';
import { IsTopologyName, OptionalNotNull } from '../common/topology-validators';

export class CreateInformationStoreDto implements CreateInformationStoreRequest {
  @ApiProperty({ enum: STORE_KINDS })
  @IsIn([...STORE_KINDS])
  kind!: StoreKind;

  @ApiProperty({ example: 'Mailbox Store (MAIL1)', description: 'Unique in the storage group' })
  @IsTopologyName()
  name!: string;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Issue warning at (KB); null: no limit' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_KB)
  issueWarningKb?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Prohibit send at (KB); null: no limit' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_KB)
  prohibitSendKb?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Prohibit send and receive at (KB); null: no limit',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_KB)
  prohibitSendReceiveKb?: number | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 24855, default: 7 })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(24855)
  deletedItemRetentionDays?: number;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  mounted?: boolean;
}
