import { applyDecorators } from '@nestjs/common';
import { IsString, ValidateBy, ValidateIf } from 'class-validator';
import { isAddressSpacePattern, isCidr, isIpAddress, parseSmartHost, topologyNameProblem } from '@estafette/directory';

/**
 * Optional but not nullable: an absent key is skipped, an explicit null fails
 * the other validators. (class-validator's IsOptional lets null through, which
 * would reach a NOT NULL column.)
 */
export const OptionalNotNull = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A string rule with a message built from the property name and the value. */
function stringRule(
  name: string,
  test: (value: string) => boolean,
  message: (property: string, value: unknown) => string,
  each = false,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && test(value),
        defaultMessage: (args) => message(args?.property ?? 'value', args?.value),
      },
    },
    { each },
  );
}

/** 1..64 characters, none of \ / " < > | * ? : ; (see topologyNameProblem). */
export const IsTopologyName = (): PropertyDecorator =>
  applyDecorators(
    IsString(),
    stringRule(
      'isTopologyName',
      (v) => topologyNameProblem(v) === null,
      (property, value) => `${property} ${typeof value === 'string' ? topologyNameProblem(value) : 'must be a string'}`,
    ),
  );

export const IsIpAddress = (): PropertyDecorator =>
  stringRule(
    'isIpAddress',
    isIpAddress,
    (p) => `${p} must be an IPv4 or IPv6 address (0.0.0.0 or :: for all addresses)`,
  );

export const IsCidrEach = (): PropertyDecorator =>
  stringRule(
    'isCidr',
    isCidr,
    (p) => `each entry of ${p} must be an IP address or a CIDR network such as 192.0.2.0/24`,
    true,
  );

export const IsAddressSpacePattern = (): PropertyDecorator =>
  stringRule(
    'isAddressSpacePattern',
    isAddressSpacePattern,
    (p) => `${p} must be *, a domain (example.com) or *.domain`,
  );

export const IsSmartHost = (): PropertyDecorator =>
  stringRule(
    'isSmartHost',
    (v) => parseSmartHost(v) !== null,
    (p) => `${p} must be a host name or an [IP address] in brackets, optionally with :port`,
  );
