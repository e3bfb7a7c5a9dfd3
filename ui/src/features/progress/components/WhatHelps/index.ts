export { WhatHelps, type WhatHelpsProps } from "./WhatHelps";
