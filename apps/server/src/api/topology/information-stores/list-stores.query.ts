import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { STORE_KINDS, type InformationStoreQuery, type StoreKind } from '@estafette/contracts';

export class ListStoresQuery implements InformationStoreQuery {
  @ApiPropertyOptional({ enum: STORE_KINDS })
  @IsOptional()
  @IsIn([...STORE_KINDS])
  kind?: StoreKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  serverId?: string;
}
