/**
 * Tests of optional paths (the native kernels, the generated gradient bundle) skip on a user's machine
 * where the path could not be built, but not in CI: there a path that did not build is a failure.
 * CI is recognised by `CI` (set by CI services, and by .ci/run) or `OPTLAB_REQUIRE_OPTIONAL_PATHS=1`.
 */
export const optionalPathsRequired = isSet(process.env.CI) || isSet(process.env.OPTLAB_REQUIRE_OPTIONAL_PATHS);

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
