/* DIGIT4SD: runs in <head>, right after store.js and the theme's own inline storage helpers,
 * before first paint (a classic script, not deferred). Kept in a file rather than inline so that
 * a reader downloads it once, not with every page. */
/* [core-js] The theme's own storage (palette, tabs, announce, consent...): a value that does
   not parse, or has the wrong shape, is removed and read as "nothing stored", never thrown;
   where storage is blocked, reads give nothing and writes are dropped. */
(function(){var get=window.__md_get,n=+((document.querySelector('meta[name="course-palettes"]')||{}).content||0);
  var shape={__palette:function(p){return p!==null&&typeof p==="object"&&typeof p.index==="number"&&p.index%1===0&&p.index>=0&&p.index<Math.max(n,1)&&
      p.color!==null&&typeof p.color==="object"&&!Array.isArray(p.color)&&Object.keys(p.color).every(function(k){return /^(media|scheme|primary|accent)$/.test(k)&&typeof p.color[k]==="string"})},
    __tabs:function(t){return Array.isArray(t)&&t.every(function(x){return typeof x==="string"})},
    __announce:function(h){return typeof h==="number"},__outdated:function(b){return typeof b==="boolean"},
    __consent:function(c){return c!==null&&typeof c==="object"&&!Array.isArray(c)},__source:function(c){return c!==null&&typeof c==="object"&&!Array.isArray(c)}};
  try{window.localStorage.length}catch(e){window.__md_get=function(){return null};window.__md_set=function(){};return}
  if(typeof get!=="function")return;
  window.__md_get=function(k,s,scope){s=s||localStorage;scope=scope||__md_scope;var v;
    try{v=get(k,s,scope);if(v===null||!Object.prototype.hasOwnProperty.call(shape,k)||shape[k](v))return v}catch(e){}
    try{s.removeItem(scope.pathname+"."+k)}catch(e){}return null};})();
/* Runs before first paint: marks JS as on and applies the saved view, so notes never flash.
   [core-js] The view is read and written through the registry (per learner, reset if unreadable). */
(function(d){var c=d.documentElement.classList;c.add("js");
  var v=null;try{v=new URLSearchParams(location.search).get("view")}catch(e){}
  if(v==="present"||v==="presenter")c.add("present-pending");
  try{var S=window.CourseStore,on;
    if(v==="trainer"||v==="learner"){on=v==="trainer";S.save("view",{trainer:on});}
    else{var s=S.load("view");on=!!(s&&s.trainer===true);}
    if(on)c.add("trainer-view");
  }catch(e){}})(document);
