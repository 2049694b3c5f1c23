import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsObject, Max, Min, ValidateNested } from 'class-validator';
import type { VirtualServerSettings } from '@estafette/contracts';
import { MAX_MESSAGE_SIZE_KB } from '../common/limits';
import { OptionalNotNull } from '../common/topology-validators';
import { SmtpRelayDto } from './smtp-relay.dto';

/** Shapes and ranges; which settings apply to which protocol is checked by the service. */
export class VirtualServerSettingsDto implements VirtualServerSettings {
  @ApiPropertyOptional({ type: SmtpRelayDto, description: 'SMTP only' })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => SmtpRelayDto)
  relay?: SmtpRelayDto;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_MESSAGE_SIZE_KB, description: 'SMTP and NNTP' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(MAX_MESSAGE_SIZE_KB)
  maxMessageSizeKb?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'SMTP only' })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxRecipients?: number;

  @ApiPropertyOptional({ minimum: 1 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxConnections?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 86400 })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(86_400)
  connectionTimeoutSeconds?: number;

  @ApiPropertyOptional({ description: 'Allow passwords on connections that are not encrypted' })
  @OptionalNotNull()
  @IsBoolean()
  allowPlaintextAuth?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 65535, description: 'SMTP only: the submission port (587)' })
  @OptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(65535)
  submissionPort?: number;
}
