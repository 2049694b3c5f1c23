import { registerDecorator, ValidateIf, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { aliasError, validateRecipientFilter } from '@estafette/directory';
import { parseAddress } from '@estafette/mime';

/**
 * Optional, but not nullable: class-validator's IsOptional also lets null through, which would reach a
 * NOT NULL column. This skips validation only when the property is absent.
 */
export function IsOptionalNotNull(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}

/** A filter in the recipient filter language (and/or/not over attribute conditions), bounded in size. */
export function IsRecipientFilter(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isRecipientFilter',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => validateRecipientFilter(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'filter'}: ${validateRecipientFilter(args?.value) ?? 'invalid filter'}`,
      },
    });
}

/** An SMTP address (RFC 5321 Mailbox) as @estafette/mime parses it. */
export function IsSmtpAddress(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isSmtpAddress',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseAddress(value.trim()).ok,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'address'} must be an e-mail address like name@example.com`,
      },
    });
}

/** An alias: a plain ASCII dot-atom of 1..64 characters, the rule the directory enforces. */
export function IsAlias(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isAlias',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && aliasError(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          typeof args?.value === 'string' ? (aliasError(args.value) ?? 'invalid alias') : 'alias must be a string',
      },
    });
}
