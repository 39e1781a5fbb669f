/**
 * Builds the dynamic provider of one resource from its description. Each resource's stable subpath module
 * (`./provider`, `./provider/private-endpoint`, …) exports what this returns under the names the dynamic-provider host
 * calls, so states written by every release keep `require`-ing the installed code.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { subjectOf, type Props, type ResourceDescription } from "../../lifecycle/description";
import { configureFrom, contextFor, endpointSettingsFailure } from "./process-state";
import { logAbout } from "../../context/operation-context";

/** The functions Pulumi's dynamic-provider host calls; `delete` is exported by alias (it is a keyword). */
export interface DynamicProviderFunctions {
  readonly configure: (request: dynamic.ConfigureRequest) => Promise<void>;
  readonly check: (olds: Props, news: Props) => Promise<dynamic.CheckResult>;
  readonly diff: (id: string, olds: Props, news: Props) => Promise<dynamic.DiffResult>;
  readonly create: (inputs: Props) => Promise<dynamic.CreateResult>;
  readonly read: (id: string, props: Props) => Promise<dynamic.ReadResult>;
  readonly update: (id: string, olds: Props, news: Props) => Promise<dynamic.UpdateResult>;
  readonly delete: (id: string, props: Props) => Promise<void>;
}

/** The dynamic provider of `description`'s resource. Progress lines name it by the `resourceName` its class adds. */
export function dynamicProviderOf(description: ResourceDescription): DynamicProviderFunctions {
  const context = (inputs: Props, id?: string) =>
    contextFor(
      subjectOf(description, typeof inputs["resourceName"] === "string" ? inputs["resourceName"] : id, inputs),
    );
  return {
    configure: (request) => Promise.resolve(configureFrom(request)),
    check: (_olds, news) => {
      const { inputs, failures } = description.check(news);
      const settingsFailure = endpointSettingsFailure();
      if (settingsFailure !== undefined) failures.push(settingsFailure);
      return Promise.resolve(failures.length > 0 ? { inputs, failures } : { inputs });
    },
    diff: (id, olds, news) => {
      // The dynamic-provider host passes on no property names: the notes say what changes without an input.
      const { notes = [], ...answer } = description.diff(olds, news);
      const name = typeof news["resourceName"] === "string" ? news["resourceName"] : id;
      for (const note of notes) logAbout(subjectOf(description, name, news), note);
      return Promise.resolve(answer);
    },
    create: (inputs) => description.create(context(inputs), inputs),
    read: (id, props) => description.read(context(description.inputsOf(props, id), id), id, props),
    update: (id, olds, news) => description.update(context(news, id), id, olds, news),
    delete: (id, props) => description.delete(context(description.inputsOf(props, id), id), id, props),
  };
}
