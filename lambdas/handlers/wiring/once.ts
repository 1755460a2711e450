/**
 * Builds a value at first use and keeps it for the container's life: the SDK clients keep their connections warm
 * across invocations, and a function that fails its cold start names the missing setting.
 */
export const once = <T>(build: () => T): (() => T) => {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
};
