import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditEntryDto } from '@estafette/contracts';
import type { Actor } from './actor';
import { AuditLogRepository, type AuditQuery } from './audit-log.repository';

export interface AuditChange {
  action: string;
  objectType: string;
  objectId: string | null;
  objectName: string;
  before?: unknown;
  after?: unknown;
}

/** Secrets never reach the audit log. */
function redact(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) =>
      /password|secret|token|hash/i.test(k) ? [k, '[redacted]'] : [k, redact(v)],
    ),
  );
}

/** jsonb columns hold objects; a bare value is wrapped so it is still recorded. */
function asJson(value: unknown): object | null {
  if (value === null) return null;
  return typeof value === 'object' ? (value as object) : { value };
}

@Injectable()
export class AuditLogService {
  constructor(private readonly audit: AuditLogRepository) {}

  /** Writes the entry in the caller's transaction, so a change and its audit entry commit together. */
  record(manager: EntityManager, actor: Actor, change: AuditChange): Promise<void> {
    return this.audit.insert(manager, {
      actorId: actor.recipientId,
      actorName: actor.name,
      clientAddress: actor.clientAddress,
      action: change.action,
      objectType: change.objectType,
      objectId: change.objectId,
      objectName: change.objectName,
      before: asJson(redact(change.before)),
      after: asJson(redact(change.after)),
    });
  }

  async list(query: AuditQuery): Promise<AuditEntryDto[]> {
    const rows = await this.audit.findPage(query);
    return rows.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorName: r.actorName,
      clientAddress: r.clientAddress,
      action: r.action,
      objectType: r.objectType,
      objectId: r.objectId,
      objectName: r.objectName,
      before: r.before,
      after: r.after,
    }));
  }
}
