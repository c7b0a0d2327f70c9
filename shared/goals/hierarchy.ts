import type { Deps } from "../deps";
import type { Goal } from "../entities/goal";
import { ValidationError } from "../errors";

/**
 * How many goals may stand above one: ample for organisation → department → team, and it keeps a
 * change of parent, which checks every goal above in one transaction, well within its 100 items.
 */
export const MAX_GOAL_DEPTH = 20;

/** A goal as the hierarchy shows it: with its sub-goals and its depth (0 for an organisation goal). */
export type GoalNode = Goal & { children: GoalNode[]; level: number };

/** The goals above a goal, read upward from its parent; where and why the walk stopped. */
interface Ancestry {
  /** The parent first, then its parent, and so on, each as read (with its version). */
  chain: Goal[];
  /** The walk met a goal it had passed already: the data holds a circle. */
  loops: boolean;
  /** The walk went MAX_GOAL_DEPTH goals up without reaching the top. */
  tooDeep: boolean;
}

/** Reads the goals above, from `parentId` up, by id (consistently). It stops at the top, a loop or MAX_GOAL_DEPTH. */
async function ancestry(deps: Deps, parentId: string | undefined): Promise<Ancestry> {
  const chain: Goal[] = [];
  const seen = new Set<string>();
  for (let at = parentId; at !== undefined; ) {
    if (seen.has(at)) return { chain, loops: true, tooDeep: false };
    if (chain.length >= MAX_GOAL_DEPTH) return { chain, loops: false, tooDeep: true };
    seen.add(at);
    const goal = await deps.goals.get(at);
    if (!goal) break;
    chain.push(goal);
    at = goal.parentId;
  }
  return { chain, loops: false, tooDeep: false };
}

/**
 * The goals that will stand above goal `id` once `parentId` is its parent, each with the version
 * read: the change is written on condition that none of them changed meanwhile (so two changes
 * that together would close a circle cannot both be written). A 422 when the parent is unknown,
 * is the goal itself or one of its sub-goals, sits under a circle, or is too deep.
 */
export async function goalsAbove(deps: Deps, id: string, parentId: string): Promise<{ id: string; version: number }[]> {
  const { chain, loops, tooDeep } = await ancestry(deps, parentId);
  if (chain[0]?.id !== parentId) {
    throw new ValidationError("parentId must name an existing goal", { parentId: "unknown goal" });
  }
  if (chain.some((goal) => goal.id === id)) {
    throw new ValidationError("a goal cannot be placed under itself or one of its own sub-goals", {
      parentId: "cycle",
    });
  }
  if (loops) {
    throw new ValidationError("the goals above that parent form a circle; give one of them another parent first", {
      parentId: "cycle",
    });
  }
  if (tooDeep) {
    throw new ValidationError(`a goal can have at most ${MAX_GOAL_DEPTH} goals above it`, { parentId: "too deep" });
  }
  return chain.map((goal) => ({ id: goal.id, version: goal.version }));
}

/**
 * Goals as a forest (organisation → department → team), each with its sub-goals among `goals`.
 * A goal whose parent is not among them is a root, at the level `levelOf` gives it (0 unless
 * told). Safe on data that holds a circle: the walk never passes a goal twice, and a circle, which
 * no root reaches, is shown from its oldest goal, so every goal is shown once.
 */
export function goalTree(goals: Goal[], levelOf: (goal: Goal) => number = () => 0): GoalNode[] {
  const nodes = new Map(goals.map((g) => [g.id, { ...g, children: [], level: 0 } as GoalNode]));
  const roots: GoalNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const placed = new Set<string>();
  const place = (node: GoalNode, level: number) => {
    placed.add(node.id);
    node.level = level;
    node.children = node.children.filter((child) => !placed.has(child.id));
    for (const child of node.children) place(child, level + 1);
  };
  for (const root of roots) place(root, levelOf(root));
  for (const node of nodes.values()) {
    if (placed.has(node.id)) continue;
    // In a circle (or under one): its parent's list must not show it again.
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children = parent.children.filter((child) => child.id !== node.id);
    roots.push(node);
    place(node, levelOf(node));
  }
  return roots;
}

/** How deep a goal sits: 0 for a goal without a parent (a guard against a cycle stops at the deepest a tree goes). */
export function levelOf(goal: Goal, byId: Map<string, Goal>): number {
  let level = 0;
  for (let at = goal.parentId; at && level < MAX_GOAL_DEPTH; at = byId.get(at)?.parentId) level++;
  return level;
}

/** A goal and every goal below it. */
export function withDescendants(id: string, goals: Goal[]): Set<string> {
  const found = new Set([id]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const g of goals) {
      if (g.parentId && found.has(g.parentId) && !found.has(g.id)) {
        found.add(g.id);
        grew = true;
      }
    }
  }
  return found;
}
