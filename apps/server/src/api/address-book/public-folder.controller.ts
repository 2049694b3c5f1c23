import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseArrayPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { PublicFolderDto } from '@estafette/contracts';
import { PublicFolderPermissionService, PublicFolderService } from '@estafette/directory';
import { actorOf, CurrentPrincipal, RequirePermission, type Principal } from '@estafette/security';
import { CreatePublicFolderDto } from './create-public-folder.dto';
import { FolderPermissionEntryDto } from './folder-permission.dto';
import { PublicFolderListQueryDto } from './public-folder-list-query.dto';
import { UpdatePublicFolderDto } from './update-public-folder.dto';

@ApiTags('public folders')
@ApiBearerAuth()
@Controller('public-folders')
export class PublicFolderController {
  constructor(
    private readonly folders: PublicFolderService,
    private readonly permissions: PublicFolderPermissionService,
  ) {}

  @Get()
  @RequirePermission('read')
  children(@Query() query: PublicFolderListQueryDto): Promise<PublicFolderDto[]> {
    return this.folders.children(query.parentId);
  }

  /** Declared before ':id' so 'root' is not taken for an id. */
  @Get('root')
  @RequirePermission('read')
  root(): Promise<PublicFolderDto> {
    return this.folders.root();
  }

  @Get(':id')
  @RequirePermission('read')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PublicFolderDto> {
    return this.folders.get(id);
  }

  @Post()
  @RequirePermission('write')
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreatePublicFolderDto): Promise<PublicFolderDto> {
    return this.folders.create(actorOf(principal), body);
  }

  @Patch(':id')
  @RequirePermission('write')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePublicFolderDto,
  ): Promise<PublicFolderDto> {
    return this.folders.update(actorOf(principal), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('write')
  remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.folders.remove(actorOf(principal), id);
  }

  @Put(':id/permissions')
  @RequirePermission('write')
  @ApiBody({ type: FolderPermissionEntryDto, isArray: true })
  setPermissions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ParseArrayPipe({ items: FolderPermissionEntryDto, whitelist: true, forbidNonWhitelisted: true }))
    body: FolderPermissionEntryDto[],
  ): Promise<PublicFolderDto> {
    return this.permissions.replace(actorOf(principal), id, body);
  }
}
