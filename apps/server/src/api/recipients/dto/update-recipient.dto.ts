import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { GroupType, RecipientFilter, UpdateRecipientRequest } from '@estafette/contracts';
import { GROUP_TYPES } from './create-recipient.dto';
import { RecipientAttributesDto } from './recipient-attributes.dto';
import {
  DeliveryOptionsInputDto,
  DeliveryRestrictionsInputDto,
  EmailAddressInputDto,
  ProtocolSettingsInputDto,
  RecipientLimitsInputDto,
} from './recipient-parts.dto';
import { IsAlias, IsOptionalNotNull, IsRecipientFilter, IsSmtpAddress } from './validators';

export class UpdateRecipientDto extends RecipientAttributesDto implements UpdateRecipientRequest {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsAlias() alias?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MinLength(1) @MaxLength(256) displayName?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(64) firstName?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(64) lastName?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @MaxLength(6) initials?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsUUID() containerId?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() accountDisabled?: boolean;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsSmtpAddress() @MaxLength(320) targetAddress?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() mailboxStoreId?: string | null;
  @ApiPropertyOptional({ enum: GROUP_TYPES }) @IsOptionalNotNull() @IsIn(GROUP_TYPES) groupType?: GroupType | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() managedById?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptionalNotNull()
  @IsRecipientFilter()
  queryFilter?: RecipientFilter | null;

  @ApiPropertyOptional({ description: 'Let recipient policies generate the addresses' })
  @IsOptionalNotNull()
  @IsBoolean()
  addressesFromPolicy?: boolean;

  @ApiPropertyOptional({ type: [EmailAddressInputDto], description: 'The complete list; exactly one primary' })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => EmailAddressInputDto)
  emailAddresses?: EmailAddressInputDto[];

  @ApiPropertyOptional({ type: DeliveryRestrictionsInputDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => DeliveryRestrictionsInputDto)
  restrictions?: DeliveryRestrictionsInputDto;

  @ApiPropertyOptional({ type: DeliveryOptionsInputDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => DeliveryOptionsInputDto)
  deliveryOptions?: DeliveryOptionsInputDto;

  @ApiPropertyOptional({ type: RecipientLimitsInputDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => RecipientLimitsInputDto)
  limits?: RecipientLimitsInputDto;

  @ApiPropertyOptional({ type: ProtocolSettingsInputDto })
  @IsOptionalNotNull()
  @ValidateNested()
  @Type(() => ProtocolSettingsInputDto)
  protocols?: ProtocolSettingsInputDto;
}
