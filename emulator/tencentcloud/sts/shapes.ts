/** The request shapes of STS 2018-08-13: the SDK's request models (tencentcloud-sdk-nodejs sts_models.d.ts). */
import type {
  AssumeRoleRequest,
  AssumeRoleWithWebIdentityRequest,
  Tag,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/sts/v20180813/sts_models";
import { I, S, arr, obj } from "../shapes";

export const ASSUME_ROLE = obj<AssumeRoleRequest>({
  RoleArn: S,
  RoleSessionName: S,
  DurationSeconds: I,
  Policy: S,
  ExternalId: S,
  Tags: arr(obj<Tag>({ Key: S, Value: S })),
  SourceIdentity: S,
  SerialNumber: S,
  TokenCode: S,
});

export const ASSUME_ROLE_WITH_WEB_IDENTITY = obj<AssumeRoleWithWebIdentityRequest>({
  ProviderId: S,
  WebIdentityToken: S,
  RoleArn: S,
  RoleSessionName: S,
  DurationSeconds: I,
});
