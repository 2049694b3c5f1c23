import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength } from 'class-validator';
import type { RecipientOrganizationAttributes } from '@estafette/contracts';
import { IsOptionalNotNull } from './validators';

/** The descriptive attributes (Organization and Telephones tabs); lengths are the column sizes. */
export class RecipientAttributesDto implements RecipientOrganizationAttributes {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(64) title?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(64) department?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(64) company?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(128) office?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(64) telephone?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(64) mobile?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(64) homePhone?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(64) fax?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(8192) notes?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() hiddenFromAddressLists?: boolean;
}
