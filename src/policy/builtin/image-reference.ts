// Container image references: `[registry[:port]/]repository[:tag][@digest]`.

export interface ImageReference {
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageReference {
  const at = image.indexOf("@");
  const name = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? undefined : image.slice(at + 1);
  // A colon before the last slash belongs to the registry's port (`registry:5000/app`), not a tag.
  const colon = name.lastIndexOf(":");
  if (colon <= name.lastIndexOf("/")) return { repository: name, digest };
  return { repository: name.slice(0, colon), tag: name.slice(colon + 1), digest };
}

/**
 * Why the reference can point at different images over time, if it can: no tag means `latest`, and
 * `latest` moves. A digest pins the image whatever the tag says.
 */
export function mutableTag(image: string): "missing" | "latest" | undefined {
  const ref = parseImage(image);
  if (ref.digest !== undefined && ref.digest !== "") return undefined;
  if (ref.tag === undefined || ref.tag === "") return "missing";
  return ref.tag === "latest" ? "latest" : undefined;
}
