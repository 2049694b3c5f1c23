import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import type { UpdateRecipientContainerRequest } from '@estafette/contracts';
import { CONTAINER_NAME } from './create-recipient-container.dto';
import { IsOptionalNotNull } from './validators';

export class UpdateRecipientContainerDto implements UpdateRecipientContainerRequest {
  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(CONTAINER_NAME, { message: 'name must not contain \\ / " < > | * ? : , = + ; #' })
  name?: string;

  @ApiPropertyOptional({ nullable: true, description: 'New parent; null moves the container to the top level' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(1024)
  description?: string;
}
