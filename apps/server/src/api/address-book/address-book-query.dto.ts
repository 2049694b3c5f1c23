import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { AddressBookQuery } from '@estafette/contracts';
import { ADDRESS_BOOK_MAX_PAGE_SIZE } from '@estafette/directory';

export class AddressBookQueryDto implements AddressBookQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: ADDRESS_BOOK_MAX_PAGE_SIZE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ADDRESS_BOOK_MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  cursor?: string;

  @ApiPropertyOptional({ description: 'Prefix of display name, alias, first or last name or primary SMTP address' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  search?: string;
}
