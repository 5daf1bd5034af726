/**
 * What the Tencent Cloud provider tests share: the smallest arguments of each resource in the
 * emulator's catalogue, with an identity.
 */
type Props = Record<string, unknown>;

/** CvmInstance web in ap-guangzhou-3 from a public image, with `extra`. */
export const webCvm = (extra: Props = {}) => ({
  __identity: "proj/dev/web",
  placement: { zone: "ap-guangzhou-3" },
  imageId: "img-pmqg1cw7",
  ...extra,
});
