// The driver adapter that Prisma 6.19.3's CLI (WASM schema engine, `engine: "js"`) uses for
// migrate commands. Only prisma.config.ts uses it; the app uses the plain PrismaPg adapter.
// @prisma/adapter-pg 6.19.3 has four defects against a real PostgreSQL, fixed here:
//  1. Catalog columns of type `name` (OID 19) and `name[]` (1003) are unmapped ("Column type
//     'name' could not be deserialized"), and `"char"` (OID 18) must reach the engine as a
//     Character value or any CHECK / NOT NULL introspection panics the engine.
//  2. The shadow database pool is `{...config, database}`, but pg ignores `database` when a
//     connectionString is given: the "shadow" database was the real one.
//  3. The shadow database is dropped before its pool is closed, leaving it behind.
//  4. executeScript splits on every `;`, breaking `$$` bodies and half-applying migrations;
//     here the whole script goes as one simple-protocol query (one implicit transaction).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { parse as parseConnectionString } from "pg-connection-string";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";

const OID = { CHAR: 18, NAME: 19, TEXT: 25, NAME_ARRAY: 1003, TEXT_ARRAY: 1009 } as const;

// Defect 1: name[] values must be parsed as text arrays, the way pg parses text[].
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg-types lists only builtin scalar OIDs
(pg.types as any).setTypeParser(OID.NAME_ARRAY, (pg.types as any).getTypeParser(OID.TEXT_ARRAY));

/** Result rows → indexes of their `"char"` columns, so queryRaw can report them as Character. */
const charColumns = new WeakMap<object, number[]>();

type Field = { dataTypeID: number };
function retypeFields(result: unknown): unknown {
  const res = result as { fields?: Field[]; rows?: object } | undefined;
  if (!res?.fields) return result;
  const chars: number[] = [];
  res.fields.forEach((field, i) => {
    if (field.dataTypeID === OID.NAME) field.dataTypeID = OID.TEXT;
    else if (field.dataTypeID === OID.NAME_ARRAY) field.dataTypeID = OID.TEXT_ARRAY;
    else if (field.dataTypeID === OID.CHAR) {
      field.dataTypeID = OID.TEXT;
      chars.push(i);
    }
  });
  if (chars.length && res.rows) charColumns.set(res.rows, chars);
  return result;
}

/** A pg Client whose results have the catalog types the adapter cannot map rewritten. */
class CatalogAwareClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const callbackIndex = args.findIndex((a) => typeof a === "function");
    if (callbackIndex >= 0) {
      const callback = args[callbackIndex] as (err: unknown, res: unknown) => void;
      args[callbackIndex] = (err: unknown, res: unknown) => callback(err, err ? res : retypeFields(res));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return (super.query as any)(...args);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const pending = (super.query as any)(...args);
    return pending && typeof pending.then === "function" ? pending.then(retypeFields) : pending;
  }
}

function withCharacterColumns(result: SqlResultSet): SqlResultSet {
  const chars = charColumns.get(result.rows);
  if (chars) for (const i of chars) result.columnTypes[i] = ColumnTypeEnum.Character;
  return result;
}

type Inner = SqlDriverAdapter & { onError(error: unknown): never; underlyingDriver(): pg.Pool };

function wrapQueryable<T extends { queryRaw(q: SqlQuery): Promise<SqlResultSet> }>(inner: T): T {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === "queryRaw") {
        return async (query: SqlQuery) => withCharacterColumns(await target.queryRaw(query));
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function wrapAdapter(inner: Inner): SqlDriverAdapter {
  const adapter = wrapQueryable(inner);
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      if (prop === "executeScript") {
        // Defect 4: one simple-protocol query for the whole script.
        return async (script: string) => {
          try {
            await inner.underlyingDriver().query(script);
          } catch (error) {
            inner.onError(error);
          }
        };
      }
      if (prop === "startTransaction") {
        return async (isolationLevel?: Parameters<SqlDriverAdapter["startTransaction"]>[0]) =>
          wrapQueryable<Transaction>(await inner.startTransaction(isolationLevel));
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

function poolConfig(url: string, database?: string): pg.PoolConfig {
  // Defect 2: separate fields, so that `database` is honoured.
  const parsed = parseConnectionString(url);
  return {
    host: parsed.host ?? undefined,
    port: parsed.port ? Number(parsed.port) : undefined,
    user: parsed.user,
    password: parsed.password,
    database: database ?? parsed.database ?? undefined,
    ssl: parsed.ssl as pg.PoolConfig["ssl"],
    Client: CatalogAwareClient,
  };
}

async function connect(config: pg.PoolConfig): Promise<SqlDriverAdapter> {
  const inner = (await new PrismaPg(config).connect()) as unknown as Inner;
  return wrapAdapter(inner);
}

export function createMigrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => connect(poolConfig(url)),
    async connectToShadowDb() {
      const main = await connect(poolConfig(url));
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      await main.executeScript(`CREATE DATABASE "${database}"`);
      const shadow = await connect(poolConfig(url, database));
      const dispose = shadow.dispose.bind(shadow);
      return new Proxy(shadow, {
        get(target, prop, receiver) {
          if (prop !== "dispose") return Reflect.get(target, prop, receiver);
          // Defect 3: close the shadow pool first, then drop the database.
          return async () => {
            await dispose();
            await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
            await main.dispose();
          };
        },
      });
    },
  };
}
