import { Module } from '@nestjs/common';
import { DirectoryModule } from '@estafette/directory';

/** REST controllers for the directory area: recipients. */
@Module({
  imports: [DirectoryModule],
  controllers: [],
})
export class RecipientsApiModule {}
