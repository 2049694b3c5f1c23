import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { CreateAdministrativeGroupRequest } from '@estafette/contracts';
import { IsTopologyName, OptionalNotNull } from '../common/topology-validators';

export class CreateAdministrativeGroupDto implements CreateAdministrativeGroupRequest {
  @ApiProperty({ example: 'Europe', description: '1..64 characters, unique, none of \\ / " < > | * ? : ;' })
  @IsTopologyName()
  name!: string;

  @ApiPropertyOptional({ example: 'Servers in the European offices' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(1024)
  description?: string;
}
