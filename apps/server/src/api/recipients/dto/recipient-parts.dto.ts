import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type {
  DeliveryOptionsDto,
  DeliveryRestrictionsDto,
  ProtocolSettingsDto,
  RecipientLimitsDto,
} from '@estafette/contracts';
import { IsOptionalNotNull, IsSmtpAddress } from './validators';

const MAX_IDS = 1000;
/** PostgreSQL integer: KB values up to about 2 TB. */
const MAX_KB = 2_147_483_647;

export class EmailAddressInputDto {
  @ApiProperty({ example: 'john.smith@example.com' })
  @IsString()
  @MaxLength(320)
  @IsSmtpAddress()
  address!: string;

  @ApiProperty()
  @IsBoolean()
  isPrimary!: boolean;
}

export class DeliveryRestrictionsInputDto implements Partial<DeliveryRestrictionsDto> {
  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_IDS)
  @IsUUID('all', { each: true })
  acceptFromIds?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_IDS)
  @IsUUID('all', { each: true })
  rejectFromIds?: string[];
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() requireAuthenticatedSenders?: boolean;
}

export class DeliveryOptionsInputDto implements Partial<DeliveryOptionsDto> {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() forwardingRecipientId?: string | null;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() deliverAndForward?: boolean;
  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_IDS)
  @IsUUID('all', { each: true })
  sendOnBehalfIds?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(MAX_IDS)
  @IsUUID('all', { each: true })
  sendAsIds?: string[];
}

export class RecipientLimitsInputDto implements Partial<RecipientLimitsDto> {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() useStoreDefaults?: boolean;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(MAX_KB) issueWarningKb?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(MAX_KB) prohibitSendKb?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(MAX_KB) prohibitSendReceiveKb?:
    number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(MAX_KB) maxSendSizeKb?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(MAX_KB) maxReceiveSizeKb?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(MAX_KB) maxRecipients?: number | null;
}

export class ProtocolSettingsInputDto implements Partial<ProtocolSettingsDto> {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() pop3Enabled?: boolean;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() imap4Enabled?: boolean;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() owaEnabled?: boolean;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsBoolean() nntpEnabled?: boolean;
}
