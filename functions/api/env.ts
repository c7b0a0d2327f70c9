import type { RequestIdVariables } from "hono/request-id";
import type { Principal } from "../../shared/auth/principal";

/** The Hono environment of the api: what middleware puts on the context. */
export type AppEnv = {
  Variables: RequestIdVariables & {
    language: string;
    /** Who is signed in, when anyone is (set by the authenticate middleware). */
    principal?: Principal;
  };
};
