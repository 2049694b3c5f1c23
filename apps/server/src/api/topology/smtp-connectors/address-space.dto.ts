import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import type { AddressSpace } from '@estafette/contracts';
import { IsAddressSpacePattern } from '../common/topology-validators';

export class AddressSpaceDto implements AddressSpace {
  @ApiProperty({ enum: ['SMTP'] })
  @IsIn(['SMTP'])
  type!: 'SMTP';

  @ApiProperty({
    example: '*.example.com',
    description: '* (every domain), example.com, or *.example.com (the domain and its subdomains)',
  })
  @IsString()
  @MaxLength(255)
  @IsAddressSpacePattern()
  address!: string;

  @ApiProperty({ minimum: 1, maximum: 100, example: 1 })
  @IsInt()
  @Min(1)
  @Max(100)
  cost!: number;
}
