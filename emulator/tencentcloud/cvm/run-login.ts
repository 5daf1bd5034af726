/**
 * RunInstances (001) and ModifyInstancesAttribute: instance names and their patterns, host
 * names, login settings and passwords, the ClientToken.
 */
import type { LoginSettings } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import { ApiError } from "../../errors";
import { invalidParameterValue } from "../errors";

const MAX_NAME_LENGTH = 60;

const NAME_PATTERN = /\{R:(\d+)(?:,F:([0-8]))?\}/g;

const PASSWORD_SPECIALS = "()`~!@#$%^&*-+=|{}[]:;',.?/";

/**
 * 001 InstanceName: "Unnamed" by default; at most 60 characters including pattern strings; {R:x} gives
 * x, x+1, ... (SDK: {R:x,F:y} pads to y digits); without a pattern, several instances get suffixes 1..n.
 */
export function instanceNames(name: string | undefined, count: number): string[] {
  if (name !== undefined) checkInstanceNameLength(name);
  if (!name) return Array.from({ length: count }, () => "Unnamed");
  return Array.from({ length: count }, (_, i) => expandPattern(name, count, i));
}

export function checkInstanceNameLength(name: string): void {
  if ([...name].length > MAX_NAME_LENGTH) {
    throw new ApiError(
      "InvalidInstanceName.TooLong",
      `The specified InstanceName exceeds the maximum length of ${MAX_NAME_LENGTH} bytes.`,
    );
  }
}

/** Replaces {R:x} / {R:x,F:y} (and {IP} in host names) for the i-th of count instances. */
export function expandPattern(template: string, count: number, i: number, ip?: string): string {
  const patterned =
    new RegExp(NAME_PATTERN.source).test(template) || (ip !== undefined && template.includes("{IP}"));
  if (!patterned) return count > 1 ? `${template}${i + 1}` : template;
  const numbered = template.replace(NAME_PATTERN, (_, start: string, width?: string) =>
    String(Number(start) + i).padStart(Number(width ?? 0), "0"),
  );
  return ip === undefined ? numbered : numbered.split("{IP}").join(ip);
}

/**
 * LoginSettings (SDK): Password, KeyIds and KeepImageLogin exclude each other; Windows takes no key
 * (UnsupportedOperation.KeyPairUnsupportedWindows); passwords as in passwordProblem.
 */
export function checkLoginSettings(login: LoginSettings | undefined, windows: boolean): string[] {
  if (!login) return [];
  const keyIds = login.KeyIds ?? [];
  const keep = login.KeepImageLogin;
  if (keep !== undefined && !["TRUE", "FALSE"].includes(keep.toUpperCase())) {
    throw invalidParameterValue("LoginSettings.KeepImageLogin", "the value must be TRUE or FALSE");
  }
  const methods = [login.Password !== undefined, keyIds.length > 0, keep?.toUpperCase() === "TRUE"];
  if (methods.filter(Boolean).length > 1) {
    throw new ApiError(
      "InvalidParameterCombination",
      "LoginSettings.Password, LoginSettings.KeyIds and LoginSettings.KeepImageLogin cannot be specified together.",
    );
  }
  if (keyIds.length > 0 && windows) {
    throw new ApiError(
      "UnsupportedOperation.KeyPairUnsupportedWindows",
      "Key-pair login is not available to Windows instances.",
    );
  }
  const badKey = keyIds.find((id) => !/^skey-[a-z0-9]{8}$/.test(id));
  if (badKey !== undefined) {
    throw new ApiError("InvalidParameterValue.KeyPairNotFound", `The key pair \`${badKey}\` does not exist.`);
  }
  if (login.Password !== undefined) {
    const problem = passwordProblem(login.Password, windows);
    if (problem) throw new ApiError("InvalidPassword", `Invalid password: ${problem}.`);
  }
  return keyIds;
}

/**
 * SDK LoginSettings.Password: "Linux实例密码必须8到30位，至少包括两项[a-z]，[A-Z]、[0-9] 和 [( ) ` ~ ! @ # $ % ^
 * & * - + = | { } [ ] : ; ' , . ? / ]中的特殊符号。Windows实例密码必须12到30位，至少包括三项".
 */
export function passwordProblem(password: string, windows: boolean): string | undefined {
  const [min, classes] = windows ? [12, 3] : [8, 2];
  const os = windows ? "Windows" : "Linux";
  if (password.length < min || password.length > 30) {
    return `${os} passwords must be ${min} to 30 characters long`;
  }
  const illegal = [...password].find((c) => !/[a-zA-Z0-9]/.test(c) && !PASSWORD_SPECIALS.includes(c));
  if (illegal !== undefined) return `the character \`${illegal}\` is not allowed`;
  const present = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (present < classes) {
    return `${os} passwords must contain at least ${classes} of [a-z], [A-Z], [0-9] and [${PASSWORD_SPECIALS}]`;
  }
  return undefined;
}

/** 001 ClientToken: "The maximum length is 64 ASCII characters." */
export function checkClientToken(token: string | undefined): void {
  if (token === undefined) return;
  if (token.length > 64) {
    throw new ApiError(
      "InvalidClientToken.TooLong",
      "The specified ClientToken exceeds the maximum length of 64 bytes.",
    );
  }
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(token)) {
    throw invalidParameterValue("ClientToken", "only ASCII characters are allowed");
  }
}

/** Host names of every instance of the request, checked with the document's rules. */
export function checkHostName(
  template: string | undefined,
  windows: boolean,
  count: number,
  code: string,
): void {
  if (template === undefined) return;
  for (let i = 0; i < count; i++) {
    const name = expandPattern(template, count, i, "10.0.0.1");
    const problem = hostNameProblem(name, windows);
    if (problem) throw new ApiError(code, `The value of HostName \`${name}\` is invalid: ${problem}.`);
  }
}

/**
 * 001 HostName: "Periods (.) or hyphens (-) cannot be the start or end of a host name or appear
 * consecutively"; Windows: 2-15 characters of letters, digits and hyphens, not only digits; others:
 * 2-60 characters, segments of letters, digits and hyphens between periods.
 */
function hostNameProblem(name: string, windows: boolean): string | undefined {
  if (/^[.-]|[.-]$|[.-]{2}/.test(name)) {
    return "periods and hyphens cannot start or end it or appear consecutively";
  }
  if (windows) {
    if (name.length < 2 || name.length > 15) return "Windows host names are 2 to 15 characters long";
    if (!/^[A-Za-z0-9-]+$/.test(name)) return "Windows host names hold letters, digits and hyphens only";
    if (/^\d+$/.test(name)) return "Windows host names cannot be only digits";
    return undefined;
  }
  if (name.length < 2 || name.length > 60) return "host names are 2 to 60 characters long";
  if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(name)) {
    return "segments hold letters, digits and hyphens only";
  }
  return undefined;
}
