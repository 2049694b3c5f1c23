import { ApiProperty } from '@nestjs/swagger';
import type { AdministrativeGroupDto } from '@estafette/contracts';

/** OpenAPI description of AdministrativeGroupDto. */
export class AdministrativeGroupResponse implements AdministrativeGroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
}
