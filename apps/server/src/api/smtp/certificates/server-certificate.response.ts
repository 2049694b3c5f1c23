import { ApiProperty } from '@nestjs/swagger';
import type { ServerCertificateDto } from '../../../listeners/tls/certificate.model';

/** OpenAPI description of ServerCertificateDto. */
export class ServerCertificateResponse implements ServerCertificateDto {
  @ApiProperty({ format: 'uuid' }) serverId!: string;
  @ApiProperty({ enum: ['administrator', 'self-signed'] }) source!: 'administrator' | 'self-signed';
  @ApiProperty({ type: String, nullable: true, example: 'CN=mail1.example.com' }) subject!: string | null;
  @ApiProperty({ type: String, nullable: true }) issuer!: string | null;
  @ApiProperty({ type: String, nullable: true }) fingerprintSha256!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) notBefore!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) notAfter!: string | null;
  @ApiProperty({ type: [String] }) dnsNames!: string[];
}
