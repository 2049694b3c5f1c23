import { ApiProperty } from '@nestjs/swagger';
import { TRACKING_EVENT_KINDS, type TrackingEventDto, type TrackingEventKind } from '@estafette/contracts';

/** OpenAPI description of TrackingEventDto. */
export class TrackingEventResponse implements TrackingEventDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ enum: TRACKING_EVENT_KINDS }) event!: TrackingEventKind;
  @ApiProperty({ type: String, nullable: true }) queueId!: string | null;
  @ApiProperty() messageId!: string;
  @ApiProperty({ description: "envelope sender; '' for <>" }) sender!: string;
  @ApiProperty({ type: String, nullable: true }) recipient!: string | null;
  @ApiProperty() server!: string;
  @ApiProperty({ type: String, nullable: true }) status!: string | null;
  @ApiProperty() detail!: string;
}
