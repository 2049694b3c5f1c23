import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { InstallCertificateRequest } from '../../../listeners/tls/certificate.model';

export class InstallCertificateDto implements InstallCertificateRequest {
  /** Parsed and matched against the key by the service (node:crypto X509Certificate). */
  @ApiProperty({ description: 'PEM: the server certificate first, then intermediates' })
  @IsString()
  @MinLength(1)
  @MaxLength(65_536)
  certificatePem!: string;

  @ApiProperty({ description: 'PEM, unencrypted; never returned' })
  @IsString()
  @MinLength(1)
  @MaxLength(16_384)
  privateKeyPem!: string;
}
