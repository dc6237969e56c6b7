import { echo } from './echo/echo-vendor';
import { intercodeCrm } from './intercode-crm/intercode-crm-vendor';
import { magiclineConnect } from './magicline-connect/magicline-connect-vendor';
import { magiclineOpen } from './magicline-open/magicline-open-vendor';
import { perfectGymClassic } from './perfectgym-classic/perfectgym-classic-vendor';
import { perfectGymNext } from './perfectgym-next/perfectgym-next-vendor';
import { virtuagym } from './virtuagym/virtuagym-vendor';

/** Every vendor Leadgate forwards leads to. A new vendor is its folder and one line here. */
export const VENDORS = [perfectGymNext, magiclineOpen, virtuagym, magiclineConnect, intercodeCrm, perfectGymClassic, echo] as const;

export type AnyVendor = (typeof VENDORS)[number];
export type VendorName = AnyVendor['name'];

/** The descriptor of `name`, if Leadgate has that vendor. */
export function vendorNamed(name: unknown): AnyVendor | undefined {
  return VENDORS.find((vendor) => vendor.name === name);
}
