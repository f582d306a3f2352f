import type { OptlabApi } from '../../../shared/api/contract.js';
import type { ClusterProfile, ExecutionTarget } from '../../../shared/cluster/clusterProfile.js';
import type { FieldIssue } from '../../../shared/errors/fieldIssue.js';
import { emptyResourceTexts, executionTarget, type ResourceTexts } from './resourceOverrides.js';

/**
 * Where a new run or experiment trains, as the forms choose it: this machine, or a cluster profile
 * of the settings (Clusters page) with the resources typed over the profile's defaults.
 */
export class RunTarget {
  /** The stored cluster profiles (none: the forms show no choice). */
  profiles = $state.raw<ClusterProfile[]>([]);
  /** '' = this machine, else a profile's name. */
  runOn = $state('');
  resources = $state<ResourceTexts>(emptyResourceTexts());

  profile = $derived(this.profiles.find((p) => p.name === this.runOn));
  #result = $derived(executionTarget(this.runOn, this.resources));

  /** The target to send (undefined: this machine, or while a resource field is wrong). */
  get target(): ExecutionTarget | undefined {
    return this.#result.target;
  }

  /** The resource fields' issues (path `resources.<field>`). */
  get issues(): FieldIssue[] {
    return this.#result.issues;
  }

  issuesAt(path: string): string[] {
    return this.issues.filter((issue) => issue.path === path).map((issue) => issue.message);
  }

  /** Reads the profiles; a failure leaves the choice out (runs train here). */
  load(api: OptlabApi): void {
    void api.getClusterProfiles({}).then(
      (view) => (this.profiles = view.profiles),
      () => undefined,
    );
  }
}
