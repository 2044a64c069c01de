-- An action's campaign must belong to the action's organization: one foreign key on
-- (org_id, campaign_id) replaces the two single-column ones (org_id -> orgs, campaign_id ->
-- campaigns). The schema itself now refuses an action that pairs one organization with another's
-- campaign, and a pledge costs PostgreSQL one foreign-key check fewer (each check is a query of
-- its own, for every row: the checks were about a fifth of PostgreSQL's work per pledge).
-- The organization still exists through the campaign's own key (campaigns.org_id -> orgs).
-- Deleting a campaign with actions is refused, as before (NO ACTION). The old org_id key
-- cascaded from orgs, but deleting an organization was and is refused by action_counts's key.
ALTER TABLE campaigns ADD CONSTRAINT campaigns_org_id_id_key UNIQUE (org_id, id);
ALTER TABLE actions
    DROP CONSTRAINT actions_org_id_fkey,
    DROP CONSTRAINT actions_campaign_id_fkey,
    ADD CONSTRAINT actions_campaign_of_org_fkey
        FOREIGN KEY (org_id, campaign_id) REFERENCES campaigns (org_id, id);
