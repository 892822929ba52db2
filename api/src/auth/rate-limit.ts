/** Login throttling per IP and per e-mail, kept in MongoDB so that every API instance shares it. */
import mongoose from 'mongoose';
import { RateLimiterMongo, type RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config.js';

const COLLECTION = 'login_rate_limits';

export interface LoginLimiter {
  /** Seconds to wait before the next attempt, or 0 when allowed. */
  retryAfter(ip: string, email: string): Promise<number>;
  recordFailure(ip: string, email: string): Promise<void>;
  recordSuccess(ip: string, email: string): Promise<void>;
}

export async function createLoginLimiter(config: Config): Promise<LoginLimiter> {
  const collection = mongoose.connection.collection(COLLECTION);
  // The library's own TTL index is unsupported by FerretDB v1; the unique key index is enough
  // for it to replace expired counters in place.
  await collection.createIndex({ key: 1 }, { unique: true });
  const common = {
    storeClient: mongoose.connection,
    tableName: COLLECTION,
    disableIndexesCreation: true,
    duration: config.LOGIN_WINDOW_SECONDS,
  };
  const byIp = new RateLimiterMongo({ ...common, keyPrefix: 'ip', points: config.LOGIN_MAX_PER_IP });
  const byEmail = new RateLimiterMongo({ ...common, keyPrefix: 'email', points: config.LOGIN_MAX_PER_EMAIL });

  const wait = (res: RateLimiterRes | null, max: number) =>
    res && res.consumedPoints >= max ? Math.ceil(res.msBeforeNext / 1000) : 0;

  return {
    async retryAfter(ip, email) {
      const [a, b] = await Promise.all([byIp.get(ip), byEmail.get(email)]);
      return Math.max(wait(a, config.LOGIN_MAX_PER_IP), wait(b, config.LOGIN_MAX_PER_EMAIL));
    },
    async recordFailure(ip, email) {
      await Promise.all([
        byIp.penalty(ip, 1),
        byEmail.penalty(email, 1),
      ]);
    },
    async recordSuccess(_ip, email) {
      await byEmail.delete(email);
    },
  };
}
