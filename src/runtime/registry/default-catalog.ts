// The simulated registry's default catalog: real tags of images that Kubernetes examples and
// tutorials use, so that a manifest naming a tag that exists pulls, and a typo fails as it would
// against the real registry. `nginx:1.91` (a typo of 1.9.1) and `nginx:1.161` (the failing rollout in
// the Deployment docs) are deliberately absent. Sizes are typical unpacked sizes of the linux/amd64
// image, which the kubelet prints in its Pulled event; each tag varies a little around them.

export interface CatalogRepository {
  tags: readonly string[];
  /** Typical image size in bytes. */
  sizeBytes: number;
}

const range = (prefix: string, from: number, to: number, suffix = ""): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}${suffix}`);

const NGINX_TAGS = [
  "latest",
  "stable",
  "mainline",
  "alpine",
  "stable-alpine",
  "mainline-alpine",
  "alpine-slim",
  "perl",
  "1",
  "1.7.9",
  "1.9.1",
  "1.10",
  "1.10.3",
  "1.11",
  "1.12",
  "1.13",
  "1.14",
  "1.14.2",
  "1.15",
  "1.15.12",
  "1.16",
  "1.16.1",
  "1.17",
  "1.17.10",
  "1.18",
  "1.18.0",
  "1.19",
  "1.19.10",
  "1.20",
  "1.20.2",
  "1.21",
  "1.21.6",
  "1.22",
  "1.22.1",
  "1.23",
  "1.23.4",
  "1.24",
  "1.24.0",
  "1.25",
  ...range("1.25.", 0, 5),
  "1.25-alpine",
  "1.26",
  ...range("1.26.", 0, 3),
  "1.26-alpine",
  "1.27",
  ...range("1.27.", 0, 5),
  "1.27-alpine",
  "1.28",
  "1.28.0",
  "1.28-alpine",
  "1.29",
  "1.29.0",
  "1.29-alpine",
];

export const DEFAULT_CATALOG: Readonly<Record<string, CatalogRepository>> = {
  "docker.io/library/nginx": { tags: NGINX_TAGS, sizeBytes: 72_000_000 },
  "docker.io/library/busybox": {
    tags: ["latest", "stable", "musl", "glibc", "uclibc", "1", "1.27", "1.27.2", "1.28", "1.28.4", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36", "1.36.1", "1.37", "1.37.0"],
    sizeBytes: 2_160_000,
  },
  "docker.io/library/redis": {
    tags: ["latest", "alpine", "5", "5.0", "5.0.4", "6", "6.0", "6.2", "6.2-alpine", "7", "7.0", "7.2", "7.2-alpine", "7.4", "7.4-alpine", "8", "8.0"],
    sizeBytes: 45_000_000,
  },
  "docker.io/library/postgres": {
    tags: ["latest", "alpine", ...range("", 11, 17), ...range("", 13, 17, "-alpine"), "15.4", "16.1", "16.4", "17.2"],
    sizeBytes: 150_000_000,
  },
  "docker.io/library/httpd": { tags: ["latest", "alpine", "2", "2.4", "2.4-alpine", "2.4.57", "2.4.58", "2.4.62"], sizeBytes: 58_000_000 },
  "docker.io/library/alpine": { tags: ["latest", "edge", "3", ...range("3.", 10, 21), "3.18.4", "3.19.1", "3.20.3"], sizeBytes: 3_600_000 },
  "docker.io/library/ubuntu": {
    tags: ["latest", "rolling", "bionic", "focal", "jammy", "noble", "18.04", "20.04", "22.04", "24.04", "24.10"],
    sizeBytes: 29_000_000,
  },
  "docker.io/library/debian": { tags: ["latest", "stable", "stable-slim", "bullseye", "bullseye-slim", "bookworm", "bookworm-slim", "11", "12"], sizeBytes: 48_000_000 },
  "docker.io/library/python": {
    tags: ["latest", "alpine", "slim", "3", "3-alpine", "3-slim", ...range("3.", 8, 13), ...range("3.", 8, 13, "-slim"), ...range("3.", 8, 13, "-alpine")],
    sizeBytes: 1_010_000_000,
  },
  "docker.io/library/node": {
    tags: ["latest", "lts", "current", "alpine", "slim", "lts-alpine", ...range("", 14, 23), ...range("", 16, 22, "-alpine"), ...range("", 18, 22, "-slim")],
    sizeBytes: 1_100_000_000,
  },
  "docker.io/library/mysql": { tags: ["latest", "lts", "5", "5.6", "5.7", "8", "8.0", "8.4", "9", "9.0", "9.1"], sizeBytes: 600_000_000 },
  "docker.io/library/mongo": { tags: ["latest", "4.4", "5", "5.0", "6", "6.0", "7", "7.0", "8", "8.0"], sizeBytes: 750_000_000 },
  "docker.io/library/memcached": { tags: ["latest", "alpine", "1", "1.6", "1.6-alpine"], sizeBytes: 85_000_000 },
  "docker.io/library/rabbitmq": { tags: ["latest", "management", "3", "3.12", "3.13", "3-management", "4", "4.0", "4-management"], sizeBytes: 230_000_000 },
  "docker.io/library/golang": { tags: ["latest", "alpine", "1", ...range("1.", 19, 23), ...range("1.", 21, 23, "-alpine")], sizeBytes: 820_000_000 },
  "docker.io/library/perl": { tags: ["latest", "slim", "5", "5.34", "5.34.0", "5.36", "5.38", "5.40"], sizeBytes: 890_000_000 },
  "docker.io/library/traefik": { tags: ["latest", "v2", "v2.10", "v2.11", "v3", "v3.0", "v3.1", "v3.2"], sizeBytes: 150_000_000 },
  "docker.io/library/haproxy": { tags: ["latest", "alpine", "2.8", "2.9", "3.0", "3.1", "lts"], sizeBytes: 110_000_000 },
  "docker.io/library/caddy": { tags: ["latest", "alpine", "2", "2.7", "2.8", "2-alpine"], sizeBytes: 48_000_000 },
  "docker.io/library/wordpress": { tags: ["latest", "6", "6.4", "6.5", "6.6", "6.7", "php8.2", "php8.3"], sizeBytes: 700_000_000 },
  "docker.io/curlimages/curl": { tags: ["latest", "8.1.2", "8.4.0", "8.5.0", "8.8.0", "8.10.1", "8.11.0"], sizeBytes: 23_000_000 },
  "registry.k8s.io/pause": { tags: ["latest", "3.1", "3.2", "3.3", "3.4.1", "3.5", "3.6", "3.7", "3.8", "3.9", "3.10"], sizeBytes: 740_000 },
  "registry.k8s.io/busybox": { tags: ["latest", "1.24"], sizeBytes: 1_200_000 },
  "registry.k8s.io/hpa-example": { tags: ["latest"], sizeBytes: 480_000_000 },
  "registry.k8s.io/e2e-test-images/agnhost": { tags: ["2.39", "2.40", "2.43", "2.45", "2.47", "2.50", "2.52", "2.53"], sizeBytes: 51_000_000 },
  "registry.k8s.io/nginx-slim": { tags: ["0.8", "0.21", "0.26", "0.27"], sizeBytes: 47_000_000 },
  "gcr.io/google-samples/hello-app": { tags: ["1.0", "2.0"], sizeBytes: 11_000_000 },
  "us-docker.pkg.dev/google-samples/containers/gke/hello-app": { tags: ["1.0", "2.0"], sizeBytes: 11_000_000 },
};
